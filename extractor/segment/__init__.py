"""Text to paragraphs with roles, sentences, the match view and underthesea's words."""
