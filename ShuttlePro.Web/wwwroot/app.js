// Small browser helpers the Blazor components call.
window.shuttle = {
  // Brings an element into view and flashes it (a note opened from a notification).
  focus(id) {
    const element = document.getElementById(id);
    if (!element) return false;
    element.scrollIntoView({ block: 'center', behavior: 'smooth' });
    element.classList.add('sp-flash');
    setTimeout(() => element.classList.remove('sp-flash'), 2500);
    return true;
  },
  // Wall mode on a TV: enter or leave the browser's full screen (refused without a recent click; the layout works anyway).
  async fullscreen(on) {
    if (on && !document.fullscreenElement) await document.documentElement.requestFullscreen?.();
    else if (!on && document.fullscreenElement) await document.exitFullscreen?.();
  },
  // The composer's drafts in this tab (Components/Pages/Inbox/BrowserDrafts.cs): they outlive a reload or a server
  // restart, and go with the tab. Storage may be full or switched off: then drafts live in the circuit only.
  drafts: {
    load(key) {
      try {
        const kept = sessionStorage.getItem(key);
        return kept ? JSON.parse(kept) : null;
      } catch {
        return null;
      }
    },
    keep(key, draft) {
      try {
        if (draft) sessionStorage.setItem(key, JSON.stringify(draft));
        else sessionStorage.removeItem(key);
      } catch {
        // nothing to do: the circuit still has the draft
      }
    },
    clear() {
      try {
        Object.keys(sessionStorage).filter(key => key.startsWith('shuttlepro.draft.')).forEach(key => sessionStorage.removeItem(key));
      } catch {
        // storage switched off: nothing was kept
      }
    }
  }
};

// Signing out forgets this tab's drafts: the next agent at this computer must not find them, not even in storage.
document.addEventListener('submit', event => {
  if (event.target instanceof HTMLFormElement && new URL(event.target.action).pathname === '/account/logout') shuttle.drafts.clear();
}, true);
