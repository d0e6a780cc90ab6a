using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using ShuttlePro.Core.Collaboration;
using ShuttlePro.Core.Common;
using ShuttlePro.Core.Conversations;

namespace ShuttlePro.Web.Api;

/// <summary>Every API error is an RFC 7807 problem with a stable string <c>code</c>.</summary>
public static class ApiProblems
{
    public static int StatusFor(string code) => code switch
    {
        ProblemCodes.Validation or Handoff.NoteRequired or Core.Tickets.Ticket.ResolutionRequired => StatusCodes.Status400BadRequest,
        ProblemCodes.Unauthorized or ProblemCodes.InvalidCredentials or ProblemCodes.LockedOut => StatusCodes.Status401Unauthorized,
        ProblemCodes.Forbidden => StatusCodes.Status403Forbidden,
        ProblemCodes.NotFound => StatusCodes.Status404NotFound,
        Conversation.WindowClosed => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status409Conflict,
    };

    public static IResult ToResult(this Problem problem)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = problem.Code };
        if (problem.Details is not null)
            foreach (var (key, value) in problem.Details)
                extensions[key] = value is IEnumerable<MessageView> messages ? messages.Select(m => m.ToApi()).ToList() : value;
        return TypedResults.Problem(problem.Message, statusCode: StatusFor(problem.Code), title: TitleFor(problem.Code), extensions: extensions);
    }

    public static IResult ToResult<T>(this Result<T> result, Func<T, IResult> onSuccess) =>
        result.Succeeded ? onSuccess(result.Value) : result.Problem.ToResult();

    private static string TitleFor(string code) => code switch
    {
        ProblemCodes.Validation => "The request is not valid.",
        ProblemCodes.NotFound => "Not found.",
        ProblemCodes.Forbidden => "Not allowed.",
        ProblemCodes.Unauthorized or ProblemCodes.InvalidCredentials or ProblemCodes.LockedOut => "Not signed in.",
        ProblemCodes.NotOwner => "You do not own this conversation.",
        Conversation.WindowClosed => "WhatsApp's 24-hour window is closed.",
        _ => "The request conflicts with the current state.",
    };

    /// <summary>Malformed JSON and unreadable parameters on the API become 400 problems with code "validation".</summary>
    public sealed class BadRequestHandler : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad || !context.Request.Path.StartsWithSegments("/api")) return false;
            return await WriteAsync(context, bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "too_large" : ProblemCodes.Validation,
                "The request is not valid.", bad.InnerException is System.Text.Json.JsonException ? "The body is not valid JSON for this request." : bad.Message);
        }
    }

    /// <summary>Answers a problem with our <c>code</c> outside an endpoint (middleware, exception handlers).</summary>
    public static async ValueTask<bool> WriteAsync(HttpContext context, int status, string code, string title, string detail)
    {
        context.Response.StatusCode = status;
        return await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail, Extensions = { ["code"] = code } },
        });
    }

    /// <summary>Bare 401/403/404/405 answers on the API (from authentication or routing) get a problem body too.</summary>
    public static async Task WriteStatusProblemAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        if (!http.Request.Path.StartsWithSegments("/api")) return;
        var code = http.Response.StatusCode switch
        {
            StatusCodes.Status401Unauthorized => ProblemCodes.Unauthorized,
            StatusCodes.Status403Forbidden => ProblemCodes.Forbidden,
            StatusCodes.Status404NotFound => ProblemCodes.NotFound,
            _ => "http_" + http.Response.StatusCode,
        };
        var problemDetails = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = http.Response.StatusCode, Extensions = { ["code"] = code } },
        });
    }
}
