using Datasette.Gen.Runtime.Http;
using DatasetteInstance = Datasette.Gen.Runtime.Datasette;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Datasette.Gen.Configuration.Model;

namespace Datasette.Gen.Tests.Infrastructure;

/// <summary>Datasette requests built over a DefaultHttpContext, for views' helpers that need one.</summary>
public static class TestRequests
{
    /// <summary>A GET of <paramref name="rawTarget"/>; permission checks use <paramref name="datasette"/>'s rules, as the pipeline sets them.</summary>
    public static DatasetteRequest Get(string rawTarget, DatasetteInstance? datasette = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost");
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget;
        var request = new DatasetteRequest(context, datasette?.Settings ?? Settings.Default);
        if (datasette is not null)
        {
            request.Permissions = datasette.Permissions;
        }
        return request;
    }
}
