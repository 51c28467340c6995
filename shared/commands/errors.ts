// A problem the user can fix, said in their language. The pane shows the message as it is; the
// command line prints it as one line. Anything else thrown is a bug.
export class UserError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

export const isUserError = (e: unknown): e is UserError =>
  typeof e === 'object' && e !== null && (e as { userFacing?: boolean }).userFacing === true;
