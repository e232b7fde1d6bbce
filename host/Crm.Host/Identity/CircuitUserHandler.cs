using Crm.Abstractions.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Crm.Host.Identity;

/// <summary>Gives services in a Blazor circuit the circuit's user (the documented pattern for circuit-scoped user access).</summary>
internal sealed class CircuitUserHandler(AuthenticationStateProvider authentication, ICurrentUser currentUser) : CircuitHandler, IDisposable
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authentication.AuthenticationStateChanged += OnChanged;
        return UpdateAsync(authentication.GetAuthenticationStateAsync());
    }

    void OnChanged(Task<AuthenticationState> state) => _ = UpdateAsync(state);

    async Task UpdateAsync(Task<AuthenticationState> state)
    {
        var user = (await state).User;
        ((CurrentUser)currentUser).SetCircuitUser(user);
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;
}
