using System.Net;

namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// The edit and delete buttons beside a row's link in the rows table (html-ui.md §4.13,
/// <c>data-row-action="edit|delete"</c>), shown only when the actor may update or delete rows.
/// The table-editing script opens its dialogs from them.
/// </summary>
internal sealed record RowActionButtons(bool CanUpdate, bool CanDelete)
{
    private const string EditIcon = "<svg class=\"row-inline-action-icon\" aria-hidden=\"true\" focusable=\"false\" width=\"14\" height=\"14\" viewBox=\"0 0 16 16\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.6\" stroke-linejoin=\"round\"><path d=\"M11 2.5l2.5 2.5L6 12.5H3.5V10z\"/></svg>";
    private const string DeleteIcon = "<svg class=\"row-inline-action-icon\" aria-hidden=\"true\" focusable=\"false\" width=\"14\" height=\"14\" viewBox=\"0 0 16 16\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.6\" stroke-linecap=\"round\"><path d=\"M2.5 4h11M6 4V2.5h4V4M4 4l.8 9.5h6.4L12 4\"/></svg>";

    /// <summary>The row link followed by the permitted buttons; <paramref name="rowLabel"/> names the row to screen readers.</summary>
    public string Wrap(string linkHtml, string rowLabel)
    {
        if (!CanUpdate && !CanDelete)
        {
            return linkHtml;
        }
        var label = WebUtility.HtmlEncode(rowLabel);
        var html = "<span class=\"row-link-with-actions\">" + linkHtml + "<span class=\"row-inline-actions\">";
        if (CanUpdate)
        {
            html += $"<button type=\"button\" class=\"row-inline-action row-inline-action-edit\" aria-label=\"Edit row {label}\" title=\"Edit row\" data-row-action=\"edit\">{EditIcon}</button>";
        }
        if (CanDelete)
        {
            html += $"<button type=\"button\" class=\"row-inline-action row-inline-action-delete\" aria-label=\"Delete row {label}\" title=\"Delete row\" data-row-action=\"delete\">{DeleteIcon}</button>";
        }
        return html + "</span></span>";
    }
}
