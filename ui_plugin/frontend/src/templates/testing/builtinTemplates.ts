/**
 * The first page of GET /templates on a fresh store (the built-in templates), as the API
 * answered it: TemplateSummary.of over dag_factory's built-in catalogue.
 */

import type { Page } from "../../api/pipelines";
import type { TemplateSummary } from "../../api/templates";

export const BUILTIN_TEMPLATES: Page<TemplateSummary> = {
  "items": [
    {
      "id": "api_to_database_merge",
      "title": "API to database (merge)",
      "description": "Reads the records changed since the last successful run from a JSON REST endpoint and upserts them into a database table on their key. Records repeated across pages keep the last one, so the upsert sees each key once.",
      "tags": [
        "http",
        "api",
        "database",
        "incremental"
      ],
      "builtin": true,
      "parameters": [
        {
          "name": "api_conn",
          "type": "connection",
          "default": null,
          "description": "Connection of type http or aggregator_rest giving the base URL and credentials.",
          "required": true,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "path",
          "type": "string",
          "default": null,
          "description": "Path of the endpoint under the base URL, e.g. v2/customers.",
          "required": true,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "records",
          "type": "string",
          "default": null,
          "description": "Where the records are in each response body, e.g. data.items; empty when the body is the list.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "auth",
          "type": "string",
          "default": "none",
          "description": "How requests authenticate, with the secrets of the connection.",
          "required": false,
          "enum": [
            "none",
            "basic",
            "bearer",
            "api_key",
            "oauth2_client_credentials"
          ],
          "pattern": null,
          "items": null
        },
        {
          "name": "pagination",
          "type": "string",
          "default": "cursor",
          "description": "How the next page is asked for.",
          "required": false,
          "enum": [
            "none",
            "page",
            "offset",
            "cursor",
            "link_header",
            "next_url"
          ],
          "pattern": null,
          "items": null
        },
        {
          "name": "page_size",
          "type": "integer",
          "default": 100,
          "description": "Records asked for per page.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "page_size_param",
          "type": "string",
          "default": "limit",
          "description": "Query parameter carrying the page size.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "since_param",
          "type": "string",
          "default": "updated_since",
          "description": "Query parameter receiving the watermark of the last successful run.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "cursor_field",
          "type": "string",
          "default": "updated_at",
          "description": "Record field whose largest value becomes the next watermark.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "initial_value",
          "type": "string",
          "default": null,
          "description": "Watermark of the first run; empty loads everything.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "keys",
          "type": "list",
          "default": [
            "id"
          ],
          "description": "Fields identifying a record.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": "string"
        },
        {
          "name": "target_conn",
          "type": "connection",
          "default": null,
          "description": "Connection of the database to load into.",
          "required": true,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "target_schema",
          "type": "string",
          "default": null,
          "description": "Schema of the target table; the connection's default when empty.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "target_table",
          "type": "string",
          "default": null,
          "description": "Table to upsert into; created from the records' fields when missing.",
          "required": true,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "schedule",
          "type": "string",
          "default": "@hourly",
          "description": "Cron expression or preset.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "start_date",
          "type": "string",
          "default": "2026-01-01",
          "description": "First day of the schedule (YYYY-MM-DD).",
          "required": false,
          "enum": null,
          "pattern": "\\d{4}-\\d{2}-\\d{2}",
          "items": null
        }
      ],
      "created_by": null,
      "created_at": null
    },
    {
      "id": "csv_drop_folder_to_database",
      "title": "CSV drop folder to database, deduplicated",
      "description": "Loads every CSV file dropped in a folder into a database table. Files are read in name order; rows repeating a key keep the last one read (so a later file corrects an earlier one) and are upserted on that key, so reading a file again never duplicates rows.",
      "tags": [
        "files",
        "csv",
        "database",
        "dedupe"
      ],
      "builtin": true,
      "parameters": [
        {
          "name": "folder",
          "type": "string",
          "default": null,
          "description": "Folder receiving the files (local, or a URL such as s3://bucket/incoming).",
          "required": true,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "file_pattern",
          "type": "string",
          "default": "*.csv",
          "description": "Glob of the files to read inside the folder (** spans sub-folders).",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "storage_conn",
          "type": "connection",
          "default": null,
          "description": "Connection for object storage; none for local folders.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "delimiter",
          "type": "string",
          "default": ",",
          "description": "Field separator, one character.",
          "required": false,
          "enum": null,
          "pattern": ".",
          "items": null
        },
        {
          "name": "union_by_name",
          "type": "boolean",
          "default": true,
          "description": "Combine files whose columns differ by name; a missing column is null.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "keys",
          "type": "list",
          "default": null,
          "description": "Columns identifying a row.",
          "required": true,
          "enum": null,
          "pattern": null,
          "items": "string"
        },
        {
          "name": "target_conn",
          "type": "connection",
          "default": null,
          "description": "Connection of the database to load into.",
          "required": true,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "target_schema",
          "type": "string",
          "default": null,
          "description": "Schema of the target table; the connection's default when empty.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "target_table",
          "type": "string",
          "default": null,
          "description": "Table to upsert into; created from the files' columns when missing.",
          "required": true,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "schedule",
          "type": "string",
          "default": "@hourly",
          "description": "Cron expression or preset.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "start_date",
          "type": "string",
          "default": "2026-01-01",
          "description": "First day of the schedule (YYYY-MM-DD).",
          "required": false,
          "enum": null,
          "pattern": "\\d{4}-\\d{2}-\\d{2}",
          "items": null
        }
      ],
      "created_by": null,
      "created_at": null
    },
    {
      "id": "database_replication_incremental",
      "title": "Database replication (incremental)",
      "description": "Copies new and changed rows of a table into another database on a schedule. The source reads only rows whose cursor column passed the last committed watermark (minus a lookback), and the sink upserts them on the key columns; the watermark is kept in the target database and moves in the same transaction as the rows it covers.",
      "tags": [
        "database",
        "replication",
        "incremental"
      ],
      "builtin": true,
      "parameters": [
        {
          "name": "source_conn",
          "type": "connection",
          "default": null,
          "description": "Connection of the database to copy from (PostgreSQL, MySQL or SQLite).",
          "required": true,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "source_schema",
          "type": "string",
          "default": null,
          "description": "Schema of the source table; the connection's default when empty.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "source_table",
          "type": "string",
          "default": null,
          "description": "Table (or view) to copy.",
          "required": true,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "cursor_column",
          "type": "string",
          "default": "updated_at",
          "description": "Column that grows with every new or changed row (timestamp, date or number).",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "lookback",
          "type": "number",
          "default": 0,
          "description": "Re-read this much before the watermark (seconds for dates and times, units for numbers).",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "target_conn",
          "type": "connection",
          "default": null,
          "description": "Connection of the database to copy into; it also keeps the watermark.",
          "required": true,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "target_schema",
          "type": "string",
          "default": null,
          "description": "Schema of the target table and of the watermark tables; the connection's default when empty.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "target_table",
          "type": "string",
          "default": null,
          "description": "Table to upsert into; created from the source's columns when missing.",
          "required": true,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "keys",
          "type": "list",
          "default": [
            "id"
          ],
          "description": "Columns identifying a row, to update rows seen before instead of adding them again.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": "string"
        },
        {
          "name": "schedule",
          "type": "string",
          "default": "@hourly",
          "description": "Cron expression or preset (@hourly, @daily...).",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "start_date",
          "type": "string",
          "default": "2026-01-01",
          "description": "First day of the schedule (YYYY-MM-DD).",
          "required": false,
          "enum": null,
          "pattern": "\\d{4}-\\d{2}-\\d{2}",
          "items": null
        }
      ],
      "created_by": null,
      "created_at": null
    },
    {
      "id": "database_to_files_by_day",
      "title": "Database to files, partitioned by day",
      "description": "Each daily run exports the rows of a table whose timestamp falls on the run's day to Hive-style day=YYYY-MM-DD folders, ready for Spark, DuckDB or Athena. A rerun of a day replaces that run's files instead of adding to them.",
      "tags": [
        "database",
        "files",
        "parquet",
        "partitioned"
      ],
      "builtin": true,
      "parameters": [
        {
          "name": "source_conn",
          "type": "connection",
          "default": null,
          "description": "Connection of the database to export from.",
          "required": true,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "source_schema",
          "type": "string",
          "default": null,
          "description": "Schema of the table; the connection's default when empty.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "source_table",
          "type": "string",
          "default": null,
          "description": "Table (or view) to export.",
          "required": true,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "timestamp_column",
          "type": "string",
          "default": "created_at",
          "description": "Date or timestamp column placing each row in a day.",
          "required": false,
          "enum": null,
          "pattern": "[^\"]+",
          "items": null
        },
        {
          "name": "output_folder",
          "type": "string",
          "default": "output/export",
          "description": "Folder (local, or a URL such as s3://lake/orders) holding the day= folders.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "output_conn",
          "type": "connection",
          "default": null,
          "description": "Connection for object storage; none for local folders.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "format",
          "type": "string",
          "default": "parquet",
          "description": "Format of the files.",
          "required": false,
          "enum": [
            "parquet",
            "csv",
            "jsonl"
          ],
          "pattern": null,
          "items": null
        },
        {
          "name": "start_date",
          "type": "string",
          "default": "2026-01-01",
          "description": "First day to export (YYYY-MM-DD); earlier days are caught up.",
          "required": false,
          "enum": null,
          "pattern": "\\d{4}-\\d{2}-\\d{2}",
          "items": null
        }
      ],
      "created_by": null,
      "created_at": null
    },
    {
      "id": "files_compaction",
      "title": "Files compaction",
      "description": "Each daily run reads the many small files a folder received for the run's day and rewrites them as one compressed Parquet file, so that readers open one file instead of thousands. The input stays where it is.",
      "tags": [
        "files",
        "parquet",
        "maintenance"
      ],
      "builtin": true,
      "parameters": [
        {
          "name": "input_path",
          "type": "string",
          "default": "landing/events/{{ ds }}",
          "description": "Folder or glob of the small files; Jinja such as {{ ds }} is rendered per run.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "input_format",
          "type": "string",
          "default": "jsonl",
          "description": "Format of the small files.",
          "required": false,
          "enum": [
            "csv",
            "json",
            "jsonl",
            "parquet"
          ],
          "pattern": null,
          "items": null
        },
        {
          "name": "input_conn",
          "type": "connection",
          "default": null,
          "description": "Connection for object storage holding the input; none for local folders.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "union_by_name",
          "type": "boolean",
          "default": true,
          "description": "Combine files whose columns differ by name; a missing column is null.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "output_path",
          "type": "string",
          "default": "compacted/events/{{ ds }}.parquet",
          "description": "The compacted file; Jinja such as {{ ds }} is rendered per run.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "output_conn",
          "type": "connection",
          "default": null,
          "description": "Connection for object storage receiving the output; none for local folders.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "compression",
          "type": "string",
          "default": "zstd",
          "description": "Parquet page compression.",
          "required": false,
          "enum": [
            "snappy",
            "zstd",
            "gzip",
            "none"
          ],
          "pattern": null,
          "items": null
        },
        {
          "name": "start_date",
          "type": "string",
          "default": "2026-01-01",
          "description": "First day to compact (YYYY-MM-DD).",
          "required": false,
          "enum": null,
          "pattern": "\\d{4}-\\d{2}-\\d{2}",
          "items": null
        }
      ],
      "created_by": null,
      "created_at": null
    },
    {
      "id": "rest_api_to_parquet",
      "title": "REST API to Parquet",
      "description": "Reads every page of a JSON REST endpoint and writes the records of each run to one Parquet file named after the run's date. Credentials stay in the Airflow connection.",
      "tags": [
        "http",
        "api",
        "files",
        "parquet"
      ],
      "builtin": true,
      "parameters": [
        {
          "name": "api_conn",
          "type": "connection",
          "default": null,
          "description": "Connection of type http or aggregator_rest giving the base URL and credentials.",
          "required": true,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "path",
          "type": "string",
          "default": null,
          "description": "Path of the endpoint under the base URL, e.g. v2/orders; Jinja such as {{ ds }} is rendered per run.",
          "required": true,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "records",
          "type": "string",
          "default": null,
          "description": "Where the records are in each response body, e.g. data.items; empty when the body is the list.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "auth",
          "type": "string",
          "default": "none",
          "description": "How requests authenticate, with the secrets of the connection.",
          "required": false,
          "enum": [
            "none",
            "basic",
            "bearer",
            "api_key",
            "oauth2_client_credentials"
          ],
          "pattern": null,
          "items": null
        },
        {
          "name": "pagination",
          "type": "string",
          "default": "page",
          "description": "How the next page is asked for.",
          "required": false,
          "enum": [
            "none",
            "page",
            "offset",
            "cursor",
            "link_header",
            "next_url"
          ],
          "pattern": null,
          "items": null
        },
        {
          "name": "page_size",
          "type": "integer",
          "default": 100,
          "description": "Records asked for per page.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "page_size_param",
          "type": "string",
          "default": "per_page",
          "description": "Query parameter carrying the page size (limit, per_page, page_size...).",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "requests_per_second",
          "type": "number",
          "default": 5,
          "description": "Most requests started per second.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "output_folder",
          "type": "string",
          "default": "output/api",
          "description": "Folder (local, or a URL such as s3://bucket/raw) receiving one file per run.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "output_conn",
          "type": "connection",
          "default": null,
          "description": "Connection for object storage; none for local folders.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "compression",
          "type": "string",
          "default": "zstd",
          "description": "Parquet page compression.",
          "required": false,
          "enum": [
            "snappy",
            "zstd",
            "gzip",
            "none"
          ],
          "pattern": null,
          "items": null
        },
        {
          "name": "schedule",
          "type": "string",
          "default": "@daily",
          "description": "Cron expression or preset.",
          "required": false,
          "enum": null,
          "pattern": null,
          "items": null
        },
        {
          "name": "start_date",
          "type": "string",
          "default": "2026-01-01",
          "description": "First day of the schedule (YYYY-MM-DD).",
          "required": false,
          "enum": null,
          "pattern": "\\d{4}-\\d{2}-\\d{2}",
          "items": null
        }
      ],
      "created_by": null,
      "created_at": null
    }
  ],
  "total": 6,
  "limit": 24,
  "offset": 0
};
