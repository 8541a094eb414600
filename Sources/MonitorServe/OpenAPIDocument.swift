/// The OpenAPI 3.1 description of `/api/v1/`, served at `/api/v1/openapi.json`.
///
/// Written by hand next to the routes in `WebServer+API.swift`; the tests validate it with
/// openapi-spec-validator and call every route it lists.
enum OpenAPIDocument {
    static let json = """
        {
          "openapi": "3.1.0",
          "info": {
            "title": "homepage-monitor",
            "version": "1",
            "summary": "Read-only access to the watched sites, their snapshots, changes and webhook deliveries.",
            "license": {"name": "MIT", "identifier": "MIT"}
          },
          "paths": {
            "/api/v1/sites": {
              "get": {
                "operationId": "listSites",
                "summary": "Every site with its last check, entry counts, last change and failure streak.",
                "responses": {
                  "200": {"description": "The sites, by id.", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["sites"],
                    "properties": {"sites": {"type": "array", "items": {"$ref": "#/components/schemas/Site"}}}}}}}
                }
              }
            },
            "/api/v1/sites/{id}": {
              "get": {
                "operationId": "getSite",
                "summary": "One site.",
                "parameters": [{"$ref": "#/components/parameters/SiteID"}],
                "responses": {
                  "200": {"description": "The site.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Site"}}}},
                  "404": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/api/v1/sites/{id}/snapshots": {
              "get": {
                "operationId": "listSnapshots",
                "summary": "A site's stored checks, newest first.",
                "parameters": [
                  {"$ref": "#/components/parameters/SiteID"},
                  {"$ref": "#/components/parameters/Since"},
                  {"$ref": "#/components/parameters/Until"},
                  {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 10000, "default": 100}}
                ],
                "responses": {
                  "200": {"description": "The snapshots.", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["snapshots"],
                    "properties": {"snapshots": {"type": "array", "items": {"$ref": "#/components/schemas/Snapshot"}}}}}}},
                  "400": {"$ref": "#/components/responses/Problem"},
                  "404": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/api/v1/changes": {
              "get": {
                "operationId": "listChanges",
                "summary": "The net change of each site over a window: the JSON of `monitor diff --format json`.",
                "parameters": [
                  {"$ref": "#/components/parameters/Since"},
                  {"$ref": "#/components/parameters/Until"},
                  {"name": "site", "in": "query", "description": "Only this site.", "schema": {"type": "string"}},
                  {"name": "kind", "in": "query", "description": "Comma-separated kinds: publication, talk, member.", "schema": {"type": "string"}}
                ],
                "responses": {
                  "200": {"description": "The changes.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ChangeReport"}}}},
                  "400": {"$ref": "#/components/responses/Problem"},
                  "404": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/api/v1/deliveries": {
              "get": {
                "operationId": "listDeliveries",
                "summary": "Webhook messages, newest first, with their state and attempts (never secrets).",
                "parameters": [
                  {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 10000, "default": 200}}
                ],
                "responses": {
                  "200": {"description": "The messages.", "content": {"application/json": {"schema": {
                    "type": "object", "required": ["deliveries"],
                    "properties": {"deliveries": {"type": "array", "items": {"$ref": "#/components/schemas/Delivery"}}}}}}},
                  "400": {"$ref": "#/components/responses/Problem"}
                }
              }
            },
            "/api/v1/openapi.json": {
              "get": {
                "operationId": "getOpenAPI",
                "summary": "This document.",
                "responses": {"200": {"description": "OpenAPI 3.1.", "content": {"application/json": {"schema": {"type": "object"}}}}}
              }
            }
          },
          "components": {
            "parameters": {
              "SiteID": {"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$"}},
              "Since": {"name": "since", "in": "query", "description": "last-week (default), last-month, yesterday, today, now, 3d, 2w, 12h, 90m, 2024-05-01 or 2024-05-01T12:00:00Z.", "schema": {"type": "string"}},
              "Until": {"name": "until", "in": "query", "description": "The end of the window (default: now), in the same forms as since.", "schema": {"type": "string"}}
            },
            "responses": {
              "Problem": {"description": "Bad input (RFC 9457).", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
            },
            "schemas": {
              "Problem": {
                "type": "object", "required": ["type", "title", "status", "detail"],
                "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                  "detail": {"type": "string"}, "instance": {"type": "string"}}
              },
              "Site": {
                "type": "object", "required": ["id", "url", "consecutiveFailures", "checks"],
                "properties": {
                  "id": {"type": "string"}, "url": {"type": "string"},
                  "lastCheck": {"type": "object", "required": ["at", "outcome"], "properties": {
                    "at": {"type": "string", "format": "date-time"}, "outcome": {"$ref": "#/components/schemas/Outcome"},
                    "message": {"type": "string"}}},
                  "entries": {"type": "object", "required": ["publications", "talks", "members"], "properties": {
                    "publications": {"type": "integer"}, "talks": {"type": "integer"}, "members": {"type": "integer"}}},
                  "lastChange": {"type": "string", "format": "date-time"},
                  "consecutiveFailures": {"type": "integer"},
                  "checks": {"type": "object", "additionalProperties": {"type": "integer"}}
                }
              },
              "Outcome": {"type": "string", "enum": ["changed", "unchanged", "not-modified", "unreadable", "suspect", "failed"]},
              "Snapshot": {
                "type": "object", "required": ["id", "siteID", "fetchedAt", "outcome", "source"],
                "properties": {
                  "id": {"type": "integer"}, "siteID": {"type": "string"}, "fetchedAt": {"type": "string", "format": "date-time"},
                  "outcome": {"$ref": "#/components/schemas/Outcome"}, "source": {"type": "string", "enum": ["fetch", "import"]},
                  "httpStatus": {"type": "integer"}, "etag": {"type": "string"}, "lastModified": {"type": "string"},
                  "contentHash": {"type": "string"},
                  "publications": {"type": "integer"}, "talks": {"type": "integer"}, "members": {"type": "integer"},
                  "message": {"type": "string"}, "retryAt": {"type": "string", "format": "date-time"}
                }
              },
              "KindChanges": {
                "type": "object", "required": ["added", "removed", "modified"],
                "properties": {
                  "added": {"type": "array", "items": {"type": "object"}},
                  "removed": {"type": "array", "items": {"type": "object"}},
                  "modified": {"type": "array", "items": {"type": "object", "required": ["fields", "old", "new"],
                    "properties": {"fields": {"type": "array", "items": {"type": "string"}}, "old": {"type": "object"}, "new": {"type": "object"}}}}
                }
              },
              "ChangeSet": {
                "type": "object", "required": ["publications", "talks", "members"],
                "properties": {"publications": {"$ref": "#/components/schemas/KindChanges"},
                  "talks": {"$ref": "#/components/schemas/KindChanges"}, "members": {"$ref": "#/components/schemas/KindChanges"}}
              },
              "ChangeReport": {
                "type": "object", "required": ["since", "until", "sites"],
                "properties": {
                  "since": {"type": "string", "format": "date-time"}, "until": {"type": "string", "format": "date-time"},
                  "sites": {"type": "array", "items": {"type": "object", "required": ["site", "changes", "held"], "properties": {
                    "site": {"type": "object", "required": ["id", "url"], "properties": {"id": {"type": "string"}, "url": {"type": "string"}}},
                    "from": {"type": "object", "properties": {"at": {"type": "string", "format": "date-time"}, "hash": {"type": "string"}}},
                    "to": {"type": "object", "properties": {"at": {"type": "string", "format": "date-time"}, "hash": {"type": "string"}}},
                    "changes": {"$ref": "#/components/schemas/ChangeSet"},
                    "held": {"type": "array", "items": {"type": "object", "required": ["detectedAt", "changes"], "properties": {
                      "detectedAt": {"type": "string", "format": "date-time"}, "changes": {"$ref": "#/components/schemas/ChangeSet"}}}},
                    "note": {"type": "string"}}}}
                }
              },
              "Delivery": {
                "type": "object", "required": ["id", "messageID", "endpoint", "site", "createdAt", "state", "attempts"],
                "properties": {
                  "id": {"type": "integer"}, "messageID": {"type": "string"}, "endpoint": {"type": "string"}, "site": {"type": "string"},
                  "createdAt": {"type": "string", "format": "date-time"},
                  "state": {"type": "string", "enum": ["pending", "delivered", "failed"]},
                  "nextAttemptAt": {"type": "string", "format": "date-time"},
                  "attempts": {"type": "array", "items": {"type": "object", "required": ["at"], "properties": {
                    "at": {"type": "string", "format": "date-time"}, "status": {"type": "integer"}, "error": {"type": "string"}}}}
                }
              }
            }
          }
        }

        """
}
