/** Registers the offline service worker (dist/sw.js) for the site's base path, where supported. */
const base = document.documentElement.dataset.base ?? '/';
if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch(() => {
    // Offline reading is an enhancement; the site works the same without it.
  });
}

export {};
