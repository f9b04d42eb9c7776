// The dev server's own failures (a port in use): said to the author as they are, without a stack.

export class DevError extends Error {}
