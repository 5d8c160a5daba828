"""incident cube: counts per source and aggregate fields, derived, for fast aggregates

Revision ID: 0003_incident_cube
Revises: 0002_access
Create Date: 2026-12-04 17:00:40.219283
"""

import sqlalchemy as sa
from alembic import op

revision = '0003_incident_cube'
down_revision = '0002_access'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('incident_cube',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('exploitation', sa.String(length=80), nullable=False),
    sa.Column('country_of_exploitation', sa.String(length=2), nullable=True),
    sa.Column('citizenship', sa.String(length=2), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('gender', sa.String(length=20), nullable=True),
    sa.Column('age_band', sa.String(length=20), nullable=True),
    sa.Column('n', sa.Integer(), nullable=False),
    sa.Column('key_sum', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('incident_cube', schema=None) as batch_op:
        batch_op.create_index('ix_incident_cube_source_exploitation', ['source_id', 'exploitation'], unique=False)

    op.create_table('incident_cube_state',
    sa.Column('source_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('max_incident_id', sa.Integer(), nullable=False),
    sa.Column('multiplier', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('source_id')
    )


def downgrade() -> None:
    op.drop_table('incident_cube_state')
    with op.batch_alter_table('incident_cube', schema=None) as batch_op:
        batch_op.drop_index('ix_incident_cube_source_exploitation')

    op.drop_table('incident_cube')
