-- Schema version 14: gRPC requests (protocol `grpc`). A request item keeps the method it calls
-- and where that method's descriptors come from (reflection, or .proto files and import
-- paths), as a JSON object (`{}` for HTTP and WebSocket requests). It is plain, as the URL
-- is; the request messages are the `messages` column (JSON text), the metadata the `headers`
-- column and the auth the `auth` column, sealed as for HTTP.

ALTER TABLE items ADD COLUMN grpc TEXT NOT NULL DEFAULT '{}';
