// Where the whole series on one page is written (see `print-page.ts`).

export const printOutput = 'print/index.html'
