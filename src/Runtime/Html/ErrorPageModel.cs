namespace Datasette.Gen.Runtime.Html;

/// <summary>An error page (html-ui.md §9): "Error 404" or the error's title, and its message.</summary>
internal sealed record ErrorPageModel(PageChrome Chrome, string Heading, string Message);
