import { defineDomain } from '../resource';
import { Comment } from './resources/comment';
import { Item } from './resources/item';
import { Workspace } from './resources/workspace';

/** The reference application: a project tracker (DESIGN.md section 6). */
export const appResources = [Workspace, Item, Comment] as const;

export const createAppDomain = () => defineDomain(appResources);
