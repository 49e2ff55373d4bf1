-- The vnextract store: one DuckDB file of every article's facts (README, "Database").
--
-- One row per input in `articles`, error records included; every fact table is keyed by
-- (article_id, seq...) and its article_id is an `articles` row. That link is kept by the
-- loader, which writes an article and all its facts in one transaction, rather than by
-- FOREIGN KEY clauses: DuckDB's foreign keys refuse to delete a parent row in the
-- transaction that deleted its children, which is how a changed article is replaced.
-- Spans are half-open character offsets [span_start, span_end) into the article's NFC text.
-- Column names avoid SQL keywords (no bare `end`, `date`, `begin`).

CREATE TABLE vnextract_store (  -- marks a file as a store, and which schema it has
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE articles (
    article_id BIGINT PRIMARY KEY,  -- from the path alone: the same in every store
    path VARCHAR NOT NULL UNIQUE,
    sha256 VARCHAR,                 -- of the input bytes; NULL when they could not be read
    chars INTEGER,
    encoding VARCHAR,
    warnings VARCHAR[],
    title VARCHAR,
    lead VARCHAR,
    article_date DATE,              -- the article's own day (page date line or dateline)
    dateline VARCHAR,               -- that day as TIMEX3, also when written without a year
    error_kind VARCHAR,             -- NULL unless the input's record is an error record
    error_message VARCHAR,
    loaded_at TIMESTAMP NOT NULL
);

CREATE TABLE headings (
    article_id BIGINT NOT NULL,
    seq INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    PRIMARY KEY (article_id, seq)
);

CREATE TABLE dates (
    article_id BIGINT NOT NULL,
    seq INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    value VARCHAR NOT NULL,         -- TIMEX3: 2024-06-11, --08-17, 2024-Q1, 2023/2024 ...
    granularity VARCHAR NOT NULL,
    rule VARCHAR NOT NULL,
    begin_date DATE,                -- first and last day the value covers, inclusive;
    end_date DATE,                  -- NULL for an end written without a year
    PRIMARY KEY (article_id, seq)
);

CREATE TABLE documents (
    article_id BIGINT NOT NULL,
    doc_seq INTEGER NOT NULL,
    type VARCHAR NOT NULL,
    code VARCHAR NOT NULL,
    number VARCHAR NOT NULL,
    issuer VARCHAR,
    issued VARCHAR,                 -- the record's `date`: the issue date written after the code
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, doc_seq)
);

CREATE TABLE document_mentions (
    article_id BIGINT NOT NULL,
    doc_seq INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    PRIMARY KEY (article_id, doc_seq, seq)
);

CREATE TABLE counts (
    article_id BIGINT NOT NULL,
    seq INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    value DOUBLE NOT NULL,
    max DOUBLE,
    unit VARCHAR NOT NULL,
    qualifier VARCHAR,
    rule VARCHAR NOT NULL,
    PRIMARY KEY (article_id, seq)
);

CREATE TABLE list_items (
    article_id BIGINT NOT NULL,
    list_seq INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    kind VARCHAR NOT NULL,          -- the list's: lessons, tasks, causes, results, targets, other
    intro VARCHAR,                  -- the list's intro sentence
    ordinal INTEGER NOT NULL,
    marker VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    PRIMARY KEY (article_id, list_seq, seq)
);

CREATE TABLE people (
    article_id BIGINT NOT NULL,
    person_seq INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    mentions INTEGER NOT NULL,
    span_start INTEGER NOT NULL,    -- of the first mention
    span_end INTEGER NOT NULL,
    PRIMARY KEY (article_id, person_seq)
);

CREATE TABLE titles (
    article_id BIGINT NOT NULL,
    person_seq INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    office VARCHAR NOT NULL,
    body VARCHAR,
    former BOOLEAN NOT NULL,
    PRIMARY KEY (article_id, person_seq, seq)
);

CREATE TABLE organizations (
    article_id BIGINT NOT NULL,
    org_seq INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    canonical VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    level VARCHAR NOT NULL,
    mentions INTEGER NOT NULL,
    span_start INTEGER NOT NULL,    -- of the first mention
    span_end INTEGER NOT NULL,
    PRIMARY KEY (article_id, org_seq)
);

CREATE TABLE campaigns (
    article_id BIGINT NOT NULL,
    seq INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    PRIMARY KEY (article_id, seq)
);

-- Each document code once per type: in how many articles, how often, over which article days.
CREATE VIEW document_citations AS
SELECT d.code, d.type,
       count(DISTINCT d.article_id) AS articles,
       sum(d.mentions)::BIGINT AS mentions,
       min(a.article_date) AS first_date,
       max(a.article_date) AS last_date
FROM documents AS d JOIN articles AS a USING (article_id)
GROUP BY d.code, d.type;

-- Each organization by its canonical name, kind and level.
CREATE VIEW organization_mentions AS
SELECT canonical, kind, level,
       count(DISTINCT article_id) AS articles,
       sum(mentions)::BIGINT AS mentions
FROM organizations
GROUP BY canonical, kind, level;

-- Each person by name, with every distinct title written next to the name.
CREATE VIEW person_mentions AS
WITH seen AS (
    SELECT p.name, list_sort(list(DISTINCT t.text)) AS titles
    FROM people AS p JOIN titles AS t USING (article_id, person_seq)
    GROUP BY p.name
)
SELECT p.name,
       count(DISTINCT p.article_id) AS articles,
       sum(p.mentions)::BIGINT AS mentions,
       coalesce(any_value(seen.titles), []::VARCHAR[]) AS titles
FROM people AS p LEFT JOIN seen USING (name)
GROUP BY p.name;
