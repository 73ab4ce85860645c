/* The student's name, asked once and kept on this device (localStorage) for every hand-in. */
const KEY = 'kirov-student-name';

export function storedName(): string {
  try {
    return localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function storeName(name: string): void {
  try {
    if (name.trim()) localStorage.setItem(KEY, name.trim());
    else localStorage.removeItem(KEY);
  } catch {
    // Without storage the name is asked again next time.
  }
}
