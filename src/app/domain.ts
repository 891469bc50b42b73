import { defineDomain } from '../resource';
import { Comment } from './resources/comment';
import { Item } from './resources/item';
import { ItemDependency } from './resources/item-dependency';
import { ItemMember } from './resources/item-member';
import { Member } from './resources/member';
import { Milestone } from './resources/milestone';
import { Profile } from './resources/profile';
import { Workspace } from './resources/workspace';

/** The reference application: a project tracker (README, "Authorization" and "Relationships"). */
export const appResources = [Workspace, Member, Profile, Item, Comment, ItemMember, ItemDependency, Milestone] as const;

export const createAppDomain = () => defineDomain(appResources);
