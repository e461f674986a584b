// Building DOM nodes without innerHTML: text is always text, never markup.

export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") {
      node.addEventListener(key.slice(2), value);
    } else if (key === "class") {
      node.className = value;
    } else if (key === "hidden" || key === "required" || key === "selected") {
      node[key] = Boolean(value);
    } else {
      node.setAttribute(key, value === true ? "" : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

let ids = 0;
export const uid = (stem) => `${stem}-${++ids}`;

// A labelled control in a .field wrapper; returns [wrapper, control].
export function field(labelText, control, hint) {
  control.id ||= uid("f");
  const hintNode = hint ? h("p", { class: "hint", id: `${control.id}-hint` }, hint) : null;
  if (hintNode) control.setAttribute("aria-describedby", hintNode.id);
  return [h("div", { class: "field" }, h("label", { for: control.id }, labelText), control, hintNode), control];
}

export function select(name, options, current) {
  return h(
    "select",
    { name },
    options.map(([value, label]) => h("option", { value, selected: value === current }, label)),
  );
}

// columns: [{key, label, numeric?, format?(value, row) -> string | Node, header?: bool}]
// The first column is each row's header cell; `footer` is one more row, in <tfoot>.
export function table({ caption, columns, rows, footer, empty = "Nothing to show." }) {
  const captionNode = h("caption", { id: uid("cap") }, caption);
  const cell = (column, row, index) => {
    const value = column.format ? column.format(row[column.key], row) : row[column.key];
    const props = { class: column.numeric ? "num" : null };
    return index === 0 ? h("th", { ...props, scope: "row" }, show(value)) : h("td", props, show(value));
  };
  const line = (row) => h("tr", {}, columns.map((c, i) => cell(c, row, i)));
  const body = rows.length
    ? rows.map(line)
    : [h("tr", {}, h("td", { colspan: columns.length }, empty))];
  return h(
    "div",
    { class: "table-wrap", role: "region", tabindex: "0", "aria-labelledby": captionNode.id },
    h(
      "table",
      {},
      captionNode,
      h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col", class: c.numeric ? "num" : null }, c.label)))),
      h("tbody", {}, body),
      footer ? h("tfoot", {}, line(footer)) : null,
    ),
  );
}

function show(value) {
  if (value instanceof Node) return value;
  if (value === undefined || value === null || value === "") return "—";
  return String(value);
}

export function facts(pairs) {
  return h("dl", { class: "facts" }, pairs.map(([term, value]) => [h("dt", {}, term), h("dd", {}, show(value))]));
}

export function problemText(error) {
  const status = error.status ? ` (HTTP ${error.status})` : "";
  return `${error.message}${status}`;
}
