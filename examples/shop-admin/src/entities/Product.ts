import { BaseEntity, Column, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Tag } from './Tag.js';

@Entity({ name: 'products' })
export class Product extends BaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** In cents. */
  @Column({ type: 'integer', default: 0 })
  price!: number;

  /** The supplier's API key for this product's feed: a secret, masked in the audit log. */
  @Column({ type: 'varchar', length: 200, name: 'api_key', nullable: true })
  apiKey!: string | null;

  @ManyToMany(() => Tag)
  @JoinTable({ name: 'product_tags', joinColumn: { name: 'product_id' }, inverseJoinColumn: { name: 'tag_id' } })
  tags!: Tag[];
}
