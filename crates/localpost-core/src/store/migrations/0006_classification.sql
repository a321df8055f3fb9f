-- Schema version 6: each workspace's data classification (restricted, internal or public), which
-- decides what history keeps and whether examples may be exported.

ALTER TABLE workspaces ADD COLUMN classification TEXT NOT NULL DEFAULT 'internal'
    CHECK (classification IN ('restricted', 'internal', 'public'));
