using Datasette.Gen.Runtime.Plugins;

namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// A page's action menu (html-ui.md §1: "Table actions" and the like): its title and its items, fetched
/// as the page renders because plugin hooks may be asynchronous. No items, no menu.
/// </summary>
internal sealed record ActionMenu(string Title, Func<ValueTask<IReadOnlyList<ActionMenuItem>>> Items);
