import { BaseEntity, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Team } from './Team.js';
import { User } from './User.js';

/** An agent's membership of a team; (team, user) is unique. */
@Entity({ name: 'team_members' })
export class TeamMember extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  /** The account this row belongs to (part of its primary key in the database; the panel keys records by id alone). */
  @Column({ type: 'int', name: 'account_id' })
  accountId!: number;

  @Column({ type: 'int', name: 'team_id' })
  teamId!: number;

  @ManyToOne(() => Team, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'team_id' })
  team!: Relation<Team>;

  @Column({ type: 'int', name: 'user_id' })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user!: Relation<User>;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
