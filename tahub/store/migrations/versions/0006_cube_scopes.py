"""incident cube by scope: rollups keyed by the policy's source terms, not by source

Replaces incident_cube/incident_cube_state (derived data: nothing is lost; the next
refresh rebuilds the cube).

Revision ID: 0006_cube_scopes
Revises: 0005_saved_searches
Create Date: 2026-12-04 19:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0006_cube_scopes'
down_revision = '0005_saved_searches'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('incident_cube', schema=None) as batch_op:
        batch_op.drop_index('ix_incident_cube_source_exploitation')
    op.drop_table('incident_cube')
    op.drop_table('incident_cube_state')
    op.create_table('cube_scopes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('sharing', sa.String(length=20), nullable=False),
    sa.Column('sharing_group_id', sa.Integer(), nullable=True),
    sa.Column('tlp', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('appends', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('cube_cells',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rollup', sa.String(length=8), nullable=False),
    sa.Column('scope_id', sa.Integer(), nullable=False),
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
    with op.batch_alter_table('cube_cells', schema=None) as batch_op:
        batch_op.create_index('ix_cube_cells_rollup',
                              ['rollup', 'exploitation', 'scope_id', 'year'], unique=False)
    op.create_table('cube_sources',
    sa.Column('source_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('scope_id', sa.Integer(), nullable=False),
    sa.Column('max_incident_id', sa.Integer(), nullable=False),
    sa.Column('multiplier', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('source_id')
    )


def downgrade() -> None:
    op.drop_table('cube_sources')
    with op.batch_alter_table('cube_cells', schema=None) as batch_op:
        batch_op.drop_index('ix_cube_cells_rollup')
    op.drop_table('cube_cells')
    op.drop_table('cube_scopes')
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
        batch_op.create_index('ix_incident_cube_source_exploitation',
                              ['source_id', 'exploitation'], unique=False)
    op.create_table('incident_cube_state',
    sa.Column('source_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('max_incident_id', sa.Integer(), nullable=False),
    sa.Column('multiplier', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('source_id')
    )
