"""ads: ads, their identifiers as keyed hashes, ad clusters; merges the two 0003 heads

Revision ID: 0004_ads
Revises: 0003_incident_country_source, 0003_incident_cube
Create Date: 2026-12-04 17:34:41.740708
"""

import sqlalchemy as sa
from alembic import op

revision = '0004_ads'
down_revision = ('0003_incident_country_source', '0003_incident_cube')
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('ad_clusters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('cluster_key', sa.String(length=20), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('risk', sa.Float(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=True),
    sa.Column('cities', sa.JSON(), nullable=True),
    sa.Column('first_seen', sa.Date(), nullable=True),
    sa.Column('last_seen', sa.Date(), nullable=True),
    sa.Column('earlier_clusters', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('ad_clusters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ad_clusters_source_id'), ['source_id'], unique=False)

    op.create_table('ads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('source_row', sa.Integer(), nullable=False),
    sa.Column('external_id', sa.String(length=200), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('city', sa.String(length=200), nullable=True),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('site', sa.String(length=300), nullable=True),
    sa.Column('posted_at', sa.Date(), nullable=True),
    sa.Column('lang', sa.String(length=8), nullable=True),
    sa.Column('risk', sa.Float(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=True),
    sa.Column('indicators', sa.JSON(), nullable=True),
    sa.Column('ages', sa.JSON(), nullable=True),
    sa.Column('prices', sa.JSON(), nullable=True),
    sa.Column('identifiers', sa.JSON(), nullable=True),
    sa.Column('cluster_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['cluster_id'], ['ad_clusters.id'], ),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('ads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ads_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ads_source_id'), ['source_id'], unique=False)

    op.create_table('ad_identifiers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ad_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('platform', sa.String(length=40), nullable=True),
    sa.Column('value_hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['ad_id'], ['ads.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('ad_identifiers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ad_identifiers_ad_id'), ['ad_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ad_identifiers_value_hash'), ['value_hash'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('ad_identifiers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ad_identifiers_value_hash'))
        batch_op.drop_index(batch_op.f('ix_ad_identifiers_ad_id'))

    op.drop_table('ad_identifiers')
    with op.batch_alter_table('ads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ads_source_id'))
        batch_op.drop_index(batch_op.f('ix_ads_cluster_id'))

    op.drop_table('ads')
    with op.batch_alter_table('ad_clusters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ad_clusters_source_id'))

    op.drop_table('ad_clusters')
