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
  }
};
