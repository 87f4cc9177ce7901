/** A step's data as a test knows it to be: a state holds every kind's data erased, and the test names the step. */
export const dataOf = <D>(stepState: { data: unknown } | undefined): D => stepState!.data as D;
