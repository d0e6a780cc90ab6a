using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ShuttlePro.Core.Directory;

namespace ShuttlePro.Web.Auth;

/// <summary>Identity's sign-in manager, plus one rule: a deactivated agent cannot sign in, by cookie or by token.</summary>
public sealed class AgentSignInManager(
    UserManager<Agent> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<Agent> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<Agent>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Agent> confirmation)
    : SignInManager<Agent>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(Agent user) => user.IsActive && await base.CanSignInAsync(user);
}
