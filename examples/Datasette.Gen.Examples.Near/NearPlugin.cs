namespace Datasette.Gen.Examples.Near;

// The usings sit inside the namespace so that "Datasette" means the class, not the namespace.
using System.Globalization;
using Datasette.Gen.Runtime;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Plugins;
using Datasette.Gen.Runtime.Querying;

/// <summary>
/// What datasette-geo-style plugins do (filters_from_request): <c>?_near=lat,lon</c> or
/// <c>?_near=lat,lon,km</c> keeps the rows of a table with <c>latitude</c> and <c>longitude</c>
/// columns within <c>km</c> kilometres (10 when left out) of that point, by great-circle
/// (haversine) distance. A bounding box in plain comparisons narrows the rows before the
/// trigonometry. Every number is a bound parameter. A table without both columns ignores
/// <c>_near</c>; a value that is not three finite numbers in range is a 400.
/// </summary>
[DatasettePlugin("near")]
public static class NearPlugin
{
    public const double DefaultKm = 10;
    public const double MaxKm = 20037.5;
    private const double EarthRadiusKm = 6371.0088;

    [DatasetteHook]
    public static FilterArguments? FiltersFromRequest(DatasetteRequest request, string database, string table, Datasette datasette)
    {
        var near = request.Args.Get("_near");
        if (string.IsNullOrEmpty(near))
        {
            return null;
        }
        var info = datasette.GetDatabase(database).Schema.Find(table);
        if (info is null || !info.HasColumn("latitude") || !info.HasColumn("longitude"))
        {
            return null;
        }
        var (lat, lon, km) = Parse(near);
        // One degree of latitude is ~111.2 km everywhere; a degree of longitude shrinks with cos(lat).
        var latDelta = km / 111.195;
        var cosLat = Math.Cos(lat * Math.PI / 180);
        var lonDelta = cosLat < 1e-9 ? 180 : Math.Min(180, km / (111.195 * cosLat));
        return new FilterArguments(
        [
            "\"latitude\" between :near_lat_min and :near_lat_max",
            // Near the antimeridian the box wraps; the distance test below is then the only test.
            lon - lonDelta < -180 || lon + lonDelta > 180 ? "1 = 1" : "\"longitude\" between :near_lon_min and :near_lon_max",
            "2 * :near_radius * asin(min(1, sqrt("
                + "power(sin(radians(\"latitude\" - :near_lat) / 2), 2) + "
                + "cos(radians(:near_lat)) * cos(radians(\"latitude\")) * power(sin(radians(\"longitude\" - :near_lon) / 2), 2)"
                + "))) <= :near_km",
        ])
        {
            Params = new Dictionary<string, object?>
            {
                ["near_lat"] = lat,
                ["near_lon"] = lon,
                ["near_km"] = km,
                ["near_radius"] = EarthRadiusKm,
                ["near_lat_min"] = lat - latDelta,
                ["near_lat_max"] = lat + latDelta,
                ["near_lon_min"] = lon - lonDelta,
                ["near_lon_max"] = lon + lonDelta,
            },
            HumanDescriptions = [string.Create(CultureInfo.InvariantCulture, $"within {km:0.###} km of {lat:0.######}, {lon:0.######}")],
        };
    }

    /// <summary>lat,lon[,km]: latitude in [-90, 90], longitude in [-180, 180], km in (0, half the Earth's circumference].</summary>
    public static (double Lat, double Lon, double Km) Parse(string value)
    {
        var parts = value.Split(',');
        if (parts.Length is < 2 or > 3)
        {
            throw DatasetteHttpException.BadRequest("_near= must be lat,lon or lat,lon,km");
        }
        var lat = Number(parts[0], "latitude");
        var lon = Number(parts[1], "longitude");
        var km = parts.Length == 3 ? Number(parts[2], "km") : DefaultKm;
        if (lat is < -90 or > 90)
        {
            throw DatasetteHttpException.BadRequest("_near= latitude must be between -90 and 90");
        }
        if (lon is < -180 or > 180)
        {
            throw DatasetteHttpException.BadRequest("_near= longitude must be between -180 and 180");
        }
        if (km is <= 0 or > MaxKm)
        {
            throw DatasetteHttpException.BadRequest("_near= km must be above 0 and at most 20037.5");
        }
        return (lat, lon, km);
    }

    private static double Number(string text, string name) =>
        double.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? number
            : throw DatasetteHttpException.BadRequest($"_near= {name} must be a number");
}
