"""Pipelines, tags, versions, publications, templates and the audit log.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "aggregator_pipelines",
        sa.Column("id", sa.String(250), nullable=False),
        sa.Column("name", sa.String(500), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("owner", sa.String(250), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("draft_spec", sa.JSON(), nullable=False),
        sa.Column("draft_hash", sa.String(64), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(250), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(250), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_aggregator_pipelines"),
    )
    op.create_index("ix_aggregator_pipelines_owner", "aggregator_pipelines", ["owner"])
    op.create_index("ix_aggregator_pipelines_status", "aggregator_pipelines", ["status"])
    op.create_index("ix_aggregator_pipelines_updated_at", "aggregator_pipelines", ["updated_at"])

    op.create_table(
        "aggregator_pipeline_tags",
        sa.Column("pipeline_id", sa.String(250), nullable=False),
        sa.Column("tag", sa.String(100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pipeline_id"],
            ["aggregator_pipelines.id"],
            name="fk_aggregator_pipeline_tags_pipeline_id",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("pipeline_id", "tag", name="pk_aggregator_pipeline_tags"),
    )
    op.create_index("ix_aggregator_pipeline_tags_tag", "aggregator_pipeline_tags", ["tag"])

    op.create_table(
        "aggregator_pipeline_versions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("pipeline_id", sa.String(250), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("spec", sa.JSON(), nullable=False),
        sa.Column("author", sa.String(250), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["pipeline_id"],
            ["aggregator_pipelines.id"],
            name="fk_aggregator_pipeline_versions_pipeline_id",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_aggregator_pipeline_versions"),
        sa.UniqueConstraint(
            "pipeline_id", "number", name="uq_aggregator_pipeline_versions_pipeline_id_number"
        ),
    )
    op.create_index(
        "ix_aggregator_pipeline_versions_pipeline_id_content_hash",
        "aggregator_pipeline_versions",
        ["pipeline_id", "content_hash"],
    )

    op.create_table(
        "aggregator_publications",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("pipeline_id", sa.String(250), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("version_number", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("published_by", sa.String(250), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["pipeline_id"],
            ["aggregator_pipelines.id"],
            name="fk_aggregator_publications_pipeline_id",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["version_id"], ["aggregator_pipeline_versions.id"], name="fk_aggregator_publications_version_id"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_aggregator_publications"),
    )
    op.create_index(
        "ix_aggregator_publications_pipeline_id_published_at",
        "aggregator_publications",
        ["pipeline_id", "published_at"],
    )

    op.create_table(
        "aggregator_templates",
        sa.Column("id", sa.String(250), nullable=False),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("spec", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(250), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_aggregator_templates"),
    )

    op.create_table(
        "aggregator_audit_log",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("actor", sa.String(250), nullable=False),
        sa.Column("action", sa.String(50), nullable=False),
        sa.Column("entity_type", sa.String(50), nullable=False),
        sa.Column("entity_id", sa.String(250), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_aggregator_audit_log"),
    )
    op.create_index("ix_aggregator_audit_log_at", "aggregator_audit_log", ["at"])
    op.create_index(
        "ix_aggregator_audit_log_entity_type_entity_id", "aggregator_audit_log", ["entity_type", "entity_id"]
    )


def downgrade() -> None:
    for table in (
        "aggregator_audit_log",
        "aggregator_templates",
        "aggregator_publications",
        "aggregator_pipeline_versions",
        "aggregator_pipeline_tags",
        "aggregator_pipelines",
    ):
        op.drop_table(table)
