using ShuttlePro.Core.Common;
using ShuttlePro.Web.Auth;

namespace ShuttlePro.Web.Api;

public static class AuthApi
{
    public static void MapAuthApi(this RouteGroupBuilder api) =>
        api.MapPost("/auth/token", async (TokenRequest? request, TokenIssuer tokens, CancellationToken cancellationToken) =>
        {
            if (request is null || string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
                return new Problem(ProblemCodes.InvalidCredentials, "Send an email and a password.").ToResult();
            var issued = await tokens.IssueAsync(request.Email, request.Password, cancellationToken);
            return issued.ToResult(token => TypedResults.Ok(new TokenResponse(token.Token, token.ExpiresAt)));
        }).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn);
}
