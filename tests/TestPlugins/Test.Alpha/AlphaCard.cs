using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Test.Alpha;

/// <summary>A card the module places in the home page's dashboard slot, which the host page doesn't know about.</summary>
public sealed class AlphaCard : ComponentBase
{
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenElement(0, "p");
        builder.AddAttribute(1, "data-testid", "alpha-card");
        builder.AddContent(2, "阿尔法卡片内容");
        builder.CloseElement();
    }
}
