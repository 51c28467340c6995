// The built-in templates, in the order the pane offers them.
import { KEY_ACCOUNT_PLAN } from './key-account';
import { Template } from './model';
import { QUICK_ACCOUNT_PLAN } from './quick';

export const TEMPLATES: readonly Template[] = [KEY_ACCOUNT_PLAN, QUICK_ACCOUNT_PLAN];

export const templateById = (id: string): Template | undefined => TEMPLATES.find((t) => t.id === id);

/** A sheet of the user's that serves as a template: "Template …" or, in Dutch, "Sjabloon …". */
export const isUserTemplateSheet = (name: string): boolean => /^(template|sjabloon)\b/i.test(name.trim());
