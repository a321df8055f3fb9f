-- Schema version 3: environments keep the fields an import brought that Localpost does not model
-- (a Postman environment's id, say), so that an export can give them back.

ALTER TABLE environments ADD COLUMN extra TEXT NOT NULL DEFAULT '{}';
