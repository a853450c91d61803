namespace Datasette.Gen.Runtime.Html;

/// <summary>An error page (html-ui.md §9): its status, "Error 404" or the error's title, and its message.</summary>
internal sealed partial record ErrorPageModel(PageChrome Chrome, int Status, string Heading, string Message);
