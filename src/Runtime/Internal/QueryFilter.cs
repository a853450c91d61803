using System.Text;

namespace Datasette.Gen.Runtime.Internal;

/// <summary>
/// Filters for listing stored queries. Each filter binds its own parameter name, so an
/// owner_id filter can never overwrite the actor id a permission check binds (the
/// reference's private-query leak).
/// </summary>
internal sealed record QueryFilter(string? Name, string? Search, bool? IsWrite, bool? IsPrivate, string? Source, string? OwnerId)
{
    public static readonly QueryFilter None = new(null, null, null, null, null, null);

    public void AppendWhere(StringBuilder sql, Dictionary<string, object?> parameters)
    {
        if (Name is not null)
        {
            sql.Append(" and name = :filter_name");
            parameters["filter_name"] = Name;
        }
        if (!string.IsNullOrEmpty(Search))
        {
            sql.Append(" and (name like :filter_q or title like :filter_q or description like :filter_q or sql like :filter_q)");
            parameters["filter_q"] = "%" + Search + "%";
        }
        if (IsWrite is { } isWrite)
        {
            sql.Append(" and is_write = :filter_is_write");
            parameters["filter_is_write"] = isWrite ? 1 : 0;
        }
        if (IsPrivate is { } isPrivate)
        {
            sql.Append(" and is_private = :filter_is_private");
            parameters["filter_is_private"] = isPrivate ? 1 : 0;
        }
        if (!string.IsNullOrEmpty(Source))
        {
            sql.Append(" and source = :filter_source");
            parameters["filter_source"] = Source;
        }
        if (!string.IsNullOrEmpty(OwnerId))
        {
            sql.Append(" and owner_id = :filter_owner_id");
            parameters["filter_owner_id"] = OwnerId;
        }
    }
}
