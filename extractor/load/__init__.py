"""The load stage: bytes to the text every span indexes, or a refusal that says what to do."""
