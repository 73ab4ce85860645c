/**
 * Registers the offline worker (dist/sw.js) for the site's base path, where supported, and tells the
 * reader when a new edition has arrived: a page the worker served from an earlier release is replaced
 * by the new release's worker as soon as that one has installed (src/service-worker/worker.js), and the
 * page then says so, politely (a status message, not an alert), with a button to reload. The notice
 * floats at the foot of the window, so the text never moves.
 */
import enhancements from '../styles/enhancements.css?url';
import { loadStylesheet } from './stylesheet.ts';

const base = document.documentElement.dataset.base ?? '/';
// The dev server has no worker (the build writes it), and must always serve what was just edited.
if (!import.meta.env.DEV && 'serviceWorker' in navigator && location.protocol !== 'file:') {
  // A page a worker already controls was served by it: a new controller means a new release.
  const servedByWorker = navigator.serviceWorker.controller !== null;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (servedByWorker) showNewEdition();
  });
  navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch(() => {
    // Offline reading is an enhancement; the site works the same without it.
  });
}

function showNewEdition(): void {
  if (document.querySelector('.new-edition')) return;
  // The live region is in the page before its words, so that screen readers announce them.
  const notice = document.createElement('div');
  notice.className = 'new-edition';
  notice.setAttribute('role', 'status');
  document.body.append(notice);
  loadStylesheet(enhancements).then(() => {
    const text = document.createElement('p');
    const reload = document.createElement('button');
    reload.type = 'button';
    reload.textContent = 'Reload to read it';
    reload.addEventListener('click', () => location.reload());
    text.append('A new edition of this site is ready. ', reload);
    notice.append(text);
  });
}
