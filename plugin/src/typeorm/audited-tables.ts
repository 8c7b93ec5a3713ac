// The declarations resolved against one DataSource's metadata: which entity, join entity and
// junction table is audited, and how. Junction tables (a @ManyToMany's @JoinTable) have no class
// of their own, so an audited link is found by the junction's metadata.
import type { DataSource, EntityMetadata } from 'typeorm';
import type { ColumnMetadata } from './entity-rows.js';
import { recordsUpdates, type AuditedEntityOptions, type AuditedLinkOptions, type AuditedMembershipOptions } from './audited-entity.js';

/** One declared link, seen from its junction table. */
export interface LinkBinding {
  owner: AuditedEntityOptions;
  /** The relation's property name on the declaring entity. */
  relation: string;
  link: AuditedLinkOptions;
  junction: EntityMetadata;
  /** Junction column holding the declaring row's key, and the one holding the member's. */
  targetColumn: ColumnMetadata;
  memberColumn: ColumnMetadata;
  targetMetadata: EntityMetadata;
  memberMetadata: EntityMetadata;
}

export class AuditedTables {
  private readonly entities = new Map<EntityMetadata['target'], AuditedEntityOptions>();
  private readonly memberships = new Map<EntityMetadata['target'], AuditedMembershipOptions>();
  private readonly links = new Map<EntityMetadata, LinkBinding[]>();

  /** Throws when a declaration does not fit the DataSource (unknown entity, a link that is not many-to-many). */
  constructor(dataSource: DataSource, entities: AuditedEntityOptions[], memberships: AuditedMembershipOptions[]) {
    for (const options of entities) {
      const metadata = dataSource.getMetadata(options.entity);
      this.entities.set(metadata.target, options);
      for (const [property, link] of Object.entries(options.links ?? {})) this.bindLink(metadata, options, property, link);
    }
    for (const options of memberships) this.memberships.set(dataSource.getMetadata(options.entity).target, options);
  }

  entityOf(metadata: EntityMetadata): AuditedEntityOptions | undefined {
    return this.entities.get(metadata.target);
  }

  membershipOf(metadata: EntityMetadata): AuditedMembershipOptions | undefined {
    return this.memberships.get(metadata.target);
  }

  /** The declared links recorded through this junction table (none for other tables). */
  linksOf(metadata: EntityMetadata): LinkBinding[] {
    return this.links.get(metadata) ?? [];
  }

  /** True when removing one of its rows writes an entry. */
  recordsRemoval(metadata: EntityMetadata): boolean {
    return !!this.entityOf(metadata)?.deleted || !!this.membershipOf(metadata) || this.linksOf(metadata).length > 0;
  }

  /** True when an update of one of its rows writes an entry (or, for join rows, is refused). */
  recordsUpdate(metadata: EntityMetadata): boolean {
    const options = this.entityOf(metadata);
    return (!!options && recordsUpdates(options)) || !!this.membershipOf(metadata) || this.linksOf(metadata).length > 0;
  }

  private bindLink(metadata: EntityMetadata, owner: AuditedEntityOptions, property: string, link: AuditedLinkOptions): void {
    const relation = metadata.findRelationWithPropertyPath(property);
    const junction = relation?.junctionEntityMetadata;
    if (!relation?.isManyToMany || !junction) {
      throw new Error(`auditEntity(${owner.targetType}): links.${property} is not a many-to-many relation of ${metadata.name}`);
    }
    // The junction's owner columns point at the side with the @JoinTable.
    const [targetColumns, memberColumns] = relation.isOwning ? [junction.ownerColumns, junction.inverseColumns] : [junction.inverseColumns, junction.ownerColumns];
    if (targetColumns.length !== 1 || memberColumns.length !== 1) {
      throw new Error(`auditEntity(${owner.targetType}): links.${property} joins on composite keys, which the log cannot name`);
    }
    const binding: LinkBinding = {
      owner,
      relation: property,
      link,
      junction,
      targetColumn: targetColumns[0]!,
      memberColumn: memberColumns[0]!,
      targetMetadata: metadata,
      memberMetadata: relation.inverseEntityMetadata,
    };
    this.links.set(junction, [...this.linksOf(junction), binding]);
  }
}

const resolved = new WeakMap<DataSource, WeakMap<object, AuditedTables>>();

/**
 * The declarations resolved for `dataSource`, once per DataSource and declaration set (`key`).
 * Call it at start-up to fail on a declaration that does not fit the entities.
 */
export function auditedTablesOf(dataSource: DataSource, key: object, entities: AuditedEntityOptions[], memberships: AuditedMembershipOptions[]): AuditedTables {
  let byKey = resolved.get(dataSource);
  if (!byKey) resolved.set(dataSource, (byKey = new WeakMap()));
  let tables = byKey.get(key);
  if (!tables) byKey.set(key, (tables = new AuditedTables(dataSource, entities, memberships)));
  return tables;
}
