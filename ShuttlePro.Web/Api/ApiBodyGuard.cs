using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;
using ShuttlePro.Core.Common;
using ShuttlePro.Web.Hosting;

namespace ShuttlePro.Web.Api;

/// <summary>
/// API bodies are small JSON documents. One over <c>Api:MaxBodyBytes</c> is answered <c>413 too_large</c> before any of it
/// reaches a handler, and JSON that is not UTF-8 <c>400 validation</c> (the serializer only checks the text it reads,
/// so bad bytes in a field the API does not know would pass). The body is read here, bounded, whatever the server:
/// Kestrel's own limit is 30 MB, the test host has none, and a limit hit while a handler reads JSON surfaces as an I/O
/// error rather than an answer.
/// </summary>
public static class ApiBodyGuard
{
    public const int DefaultMaxBytes = 1024 * 1024;

    public static IApplicationBuilder UseApiBodyGuard(this IApplicationBuilder app, IConfiguration configuration)
    {
        var limit = configuration.GetValue("Api:MaxBodyBytes", DefaultMaxBytes);
        return app.Use(async (context, next) =>
        {
            var request = context.Request;
            var mayHaveBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentLength is not 0;
            if (request.Path.StartsWithSegments("/api") && mayHaveBody)
            {
                var body = await BoundedBody.ReadAsync(request, limit, context.RequestAborted);
                if (body is null)
                {
                    await ApiProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "too_large",
                        "The request is too large.", $"API request bodies hold at most {limit} bytes.");
                    return;
                }
                if (request.HasJsonContentType() && !Utf8.IsValid(body))
                {
                    await ApiProblems.WriteAsync(context, StatusCodes.Status400BadRequest, ProblemCodes.Validation,
                        "The request is not valid.", "The body is not UTF-8.");
                    return;
                }
                request.Body = new MemoryStream(body, writable: false);
            }
            await next(context);
        });
    }
}
