// The shell's menu button: below 768 px the Settings menu folds behind it (the stylesheet hides `.js nav:not(.open)`).
// Without this script the button stays hidden and the menu stacks above the page.
const button = document.querySelector(".menu-button");
const nav = document.getElementById("site-nav");
if (button && nav) {
  document.documentElement.classList.add("js");
  button.hidden = false;
  const setOpen = (open) => {
    nav.classList.toggle("open", open);
    button.setAttribute("aria-expanded", String(open));
  };
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    setOpen(open);
    if (open) nav.querySelector("a")?.focus();
  });
  nav.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
}
