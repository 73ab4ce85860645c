/* Whether this device is a teacher's: it has made a class packet or opened the class view. */
const KEY = 'kirov-teacher';

export function isTeacherDevice(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function markTeacherDevice(): void {
  try {
    localStorage.setItem(KEY, '1');
  } catch {
    // Without storage the class view is reached from My notes.
  }
}
