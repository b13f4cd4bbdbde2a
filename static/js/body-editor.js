// The article body editor's own rules on top of django-prose-editor, loaded by its configurable preset as an
// extension module (DJANGO_PROSE_EDITOR_EXTENSIONS in newsroom/settings.py, "BodyEditor" in articles/forms.py):
// - a photo's caption is no trap: Enter in it opens a new paragraph below the photo; Down or Right at its end goes
//   to the place after the photo; a click below a photo that ends the body opens a new paragraph there;
// - a link ends where it was made: text typed after it is not linked, and clicking it does not open the page;
// - every label in Korean. The package passes its dialog texts through Django's gettext; its menu labels are plain
//   English, so they are passed through the same catalogue here (newsroom/locale/ko/LC_MESSAGES/djangojs.po).
import {
  Extension,
  gettext,
  Link as PackageLink,
  Plugin,
  pm,
  updateAttrsDialog,
} from "django-prose-editor/editor";

const { NodeSelection, Selection, TextSelection } = pm.state;

// The one button the menu makes without a label: the block type menu's face when the cursor is in none of its
// types (a caption, a list item).
const UNLABELLED_ICONS = { question_mark: "block type" };

function relabel(element, english) {
  if (!element || !english) return;
  const korean = gettext(english);
  if (element.title) element.title = korean;
  if (element.hasAttribute("aria-label")) element.setAttribute("aria-label", korean);
}

// Runs after every other extension has defined its menu items, before the menu is laid out.
function relabelMenu({ menu, buttons }) {
  for (const item of menu.items("blockType nodes lists headings marks link history utility")) {
    relabel(item.button, item.button?.title);
    if (item.option) item.option.textContent = gettext(item.option.textContent);
  }
  // Buttons made from here on (the block type menu's face) get a Korean label too.
  const material = buttons.material;
  buttons.material = (icon, title = "") => {
    const button = material(icon, title || UNLABELLED_ICONS[icon] || "");
    relabel(button, button.title);
    return button;
  };
}

// The position after the figure around the selection: the cursor in its caption, the figure or its image selected.
function afterFigure(selection) {
  const { $from } = selection;
  if (selection instanceof NodeSelection && selection.node.type.name === "figure") return selection.to;
  for (let depth = $from.depth; depth > 0; depth--) {
    if ($from.node(depth).type.name === "figure") return $from.after(depth);
  }
  return null;
}

// A new empty paragraph at `pos`, with the cursor in it.
function paragraphAt(state, pos) {
  const tr = state.tr.insert(pos, state.schema.nodes.paragraph.create());
  return tr.setSelection(TextSelection.create(tr.doc, pos + 1)).scrollIntoView();
}

// A caption is a line under its photo: Enter anywhere in it leaves it for a new paragraph below the photo, and the
// caption stays as it was. A caption is one line.
function leaveFigure({ editor }) {
  const { state, view } = editor;
  const after = afterFigure(state.selection);
  if (after === null) return false;
  view.dispatch(paragraphAt(state, after));
  return true;
}

// Down or Right at the very end of a caption: to the next text after the photo, or, when the photo ends the body
// or another photo follows, to a gap cursor there, where typing starts a paragraph. Decided on the document, not
// on where the browser has laid the caption out, which a photo still loading moves.
function leaveCaptionEnd({ editor }) {
  const { state, view } = editor;
  const { selection } = state;
  const { $from } = selection;
  if (!selection.empty || $from.parent.type.name !== "caption") return false;
  if ($from.parentOffset < $from.parent.content.size) return false;
  const $after = state.doc.resolve($from.after($from.depth - 1));
  const gap = Selection.fromJSON(state.doc, { type: "gapcursor", pos: $after.pos });
  const target = gap.constructor.valid($after) ? gap : Selection.near($after, 1);
  view.dispatch(state.tr.setSelection(target).scrollIntoView());
  return true;
}

// A click in the empty space below a photo (or a rule) that ends the body opens a new paragraph there.
function clickBelowLastBlock(view, event) {
  if (event.button !== 0 || !view.editable) return false;
  const { doc } = view.state;
  const last = doc.lastChild;
  if (!last || !(last.isAtom || last.type.name === "figure")) return false;
  const dom = view.nodeDOM(doc.content.size - last.nodeSize);
  if (!dom || event.clientY <= dom.getBoundingClientRect().bottom) return false;
  event.preventDefault();
  view.dispatch(paragraphAt(view.state, doc.content.size));
  view.focus();
  return true;
}

// Text that arrives at a gap cursor in one piece (an IME's commit, dictation) goes into a new paragraph there.
// ProseMirror's gap cursor does that for keys and for text being composed; the browser would put the rest where
// its own selection was left, in the caption above.
function textAtGapCursor(view, event) {
  const { state } = view;
  if (event.inputType !== "insertText" || !event.data || state.selection.jsonID !== "gapcursor") return false;
  event.preventDefault();
  view.dispatch(paragraphAt(state, state.selection.from).insertText(event.data));
  return true;
}

const FigureExit = Extension.create({
  name: "figureExit",
  // Before the editor's own Enter, which does nothing in a caption.
  priority: 1000,
  addKeyboardShortcuts() {
    return { Enter: leaveFigure, ArrowDown: leaveCaptionEnd, ArrowRight: leaveCaptionEnd };
  },
  addProseMirrorPlugins() {
    const handleDOMEvents = { mousedown: clickBelowLastBlock, beforeinput: textAtGapCursor };
    return [new Plugin({ props: { handleDOMEvents } })];
  },
});

export const BodyEditor = Extension.create({
  name: "bodyEditor",
  // After every other extension, so that their menu items are there to relabel.
  priority: 1,
  addExtensions() {
    return [FigureExit];
  },
  addMenuItems: relabelMenu,
  onBeforeCreate() {
    // Tiptap would put its base styles in a <style> element of its own, which the admin's Content-Security-Policy
    // refuses (no 'unsafe-inline' for styles): they are in static/css/editor.css instead.
    this.editor.options.injectCSS = false;
  },
  onCreate() {
    // An empty paragraph at the end (left by a click below a photo, or after one just put in) is not saved.
    const textarea = this.editor.options.element.querySelector("textarea");
    textarea?.addEventListener("input", () => {
      const trimmed = textarea.value.replace(/(?:<p><\/p>)+$/, "");
      if (trimmed !== textarea.value) textarea.value = trimmed;
    });
  },
});

// An address without a scheme ("kma.go.kr") would be saved as a link relative to our own site.
function absoluteHref(href) {
  const value = href.trim();
  if (!value || /^[a-z][a-z0-9+.-]*:/i.test(value) || /^[/#?]/.test(value)) return value;
  return `https://${value}`;
}

// Takes the package's Link's place under the same name: the configurable preset prefers an extension module's
// exports to its own.
export const Link = PackageLink.extend({
  // Text typed at a link's end is plain text, not more of the link.
  inclusive: () => false,

  addOptions() {
    // In the editor a click on a link places the cursor; it does not open the page.
    return { ...this.parent?.(), openOnClick: false };
  },

  addCommands() {
    return {
      ...this.parent?.(),
      // The address only: the body keeps no link title or target (articles/html.py), so the dialog asks for none.
      addLink:
        () =>
        ({ editor }) => {
          const editing = editor.isActive(this.name);
          if (editor.state.selection.empty && !editing) return false;
          const fields = { href: { type: "string", title: gettext("URL") } };
          const dialog = updateAttrsDialog(fields, {
            title: gettext(editing ? "Edit Link" : "Insert link"),
            submitText: gettext(editing ? "Update" : "Insert"),
          });
          dialog(editor, { href: editor.getAttributes(this.name).href || "" }).then((attrs) => {
            if (!attrs) return editor.commands.focus(); // cancelled: back to the text as it was
            const chain = editor.chain().focus().extendMarkRange(this.name);
            const href = absoluteHref(attrs.href);
            if (href) chain.setMark(this.name, { href, target: null, rel: null, title: null }).run();
            else chain.unsetMark(this.name).run();
          });
          return true;
        },
    };
  },
});
