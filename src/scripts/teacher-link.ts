/*
 * The header's "Class view" link, for a teacher: shown on a device that has made a class packet or
 * opened the class view (a flag in localStorage), hidden for a student, to whom it would mean nothing.
 */
import { isTeacherDevice } from './class/teacher-flag.ts';

if (isTeacherDevice())
  for (const item of document.querySelectorAll<HTMLElement>('[data-teacher-only]')) item.hidden = false;
