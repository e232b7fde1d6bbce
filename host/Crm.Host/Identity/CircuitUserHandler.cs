using Crm.Abstractions.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Crm.Host.Identity;

/// <summary>Gives services in a Blazor circuit the circuit's user (the documented pattern for circuit-scoped user access).</summary>
internal sealed class CircuitUserHandler(AuthenticationStateProvider authentication, ICurrentUser currentUser, IHttpContextAccessor http)
    : CircuitHandler, IDisposable
{
    string? clientIp;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        // While the circuit opens, the HTTP context is that of the browser's connection: its address is the client's.
        clientIp = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        authentication.AuthenticationStateChanged += OnChanged;
        return UpdateAsync(authentication.GetAuthenticationStateAsync());
    }

    void OnChanged(Task<AuthenticationState> state) => _ = UpdateAsync(state);

    async Task UpdateAsync(Task<AuthenticationState> state)
    {
        var user = (await state).User;
        ((CurrentUser)currentUser).SetCircuitUser(user, clientIp);
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;
}
