using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ShuttlePro.Core.Data;

namespace ShuttlePro.Core.Directory;

public static class IdentitySetup
{
    /// <summary>ASP.NET Core Identity's user and role stores for agents, with the password and lockout policy.</summary>
    public static IdentityBuilder AddShuttleIdentity(this IServiceCollection services) =>
        services.AddIdentityCore<Agent>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<ShuttleDbContext>();
}
