using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Crm.Host.Identity;

/// <summary>Every permission name is a policy: <c>.RequireAuthorization("customers.read")</c>, <c>[Authorize(Policy = ...)]</c>.</summary>
internal sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName) =>
        await base.GetPolicyAsync(policyName)
        ?? new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(policyName)).Build();
}

internal sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

internal sealed class PermissionHandler(PermissionCatalog catalog) : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (PermissionCheck.Has(context.User, catalog, requirement.Permission))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
