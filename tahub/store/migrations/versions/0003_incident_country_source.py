"""incidents: index (country_of_exploitation, source_id, id) for policy-filtered counts
and pages (index-only on PostgreSQL too, where an index does not carry the row id)

Revision ID: 0003_incident_country_source
Revises: 0002_access
Create Date: 2026-12-04 17:00:00
"""

from alembic import op

revision = '0003_incident_country_source'
down_revision = '0002_access'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index('ix_incidents_country_source',
                              ['country_of_exploitation', 'source_id', 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index('ix_incidents_country_source')
