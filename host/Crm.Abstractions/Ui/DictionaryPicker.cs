using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Abstractions.Ui;

/// <summary>Picks a dictionary entry for a form: a select for flat types, cascading selects for hierarchical ones
/// (province → city → district, section → division). Any module's page uses it with
/// <c>&lt;DictionaryPicker TypeCode="region" @bind-Value="model.RegionCode" Label="所在地区" /&gt;</c>; the dictionaries
/// module renders it, and without that module a notice says so. Disabled entries are offered only as the current value.</summary>
public sealed class DictionaryPicker : ComponentBase
{
    [Inject] IServiceProvider Services { get; set; } = default!;

    [Parameter, EditorRequired] public string TypeCode { get; set; } = "";
    /// <summary>The chosen code: the deepest level picked in a hierarchy.</summary>
    [Parameter] public string? Value { get; set; }
    [Parameter] public EventCallback<string?> ValueChanged { get; set; }
    [Parameter] public string? Label { get; set; }
    [Parameter] public bool Required { get; set; }
    [Parameter] public bool Disabled { get; set; }
    /// <summary>Labels of a hierarchy's levels, e.g. 省 / 市 / 区县; also how many levels are offered.</summary>
    [Parameter] public IReadOnlyList<string>? LevelLabels { get; set; }
    /// <summary>Shown under the picker when set (e.g. a validation message).</summary>
    [Parameter] public string? ErrorText { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        var implementation = Services.GetService<DictionaryPickerImplementation>()?.ComponentType;
        if (implementation is null)
        {
            builder.OpenElement(0, "span");
            builder.AddAttribute(1, "class", "crm-missing-module");
            builder.AddContent(2, $"{Label}：数据字典模块未加载，无法选择");
            builder.CloseElement();
            return;
        }
        builder.OpenComponent(3, implementation);
        builder.AddAttribute(4, nameof(TypeCode), TypeCode);
        builder.AddAttribute(5, nameof(Value), Value);
        builder.AddAttribute(6, nameof(ValueChanged), ValueChanged);
        builder.AddAttribute(7, nameof(Label), Label);
        builder.AddAttribute(8, nameof(Required), Required);
        builder.AddAttribute(9, nameof(Disabled), Disabled);
        builder.AddAttribute(10, nameof(LevelLabels), LevelLabels);
        builder.AddAttribute(11, nameof(ErrorText), ErrorText);
        builder.CloseComponent();
    }
}

/// <summary>The component that renders <see cref="DictionaryPicker"/>; registered by the dictionaries module. It takes
/// the same parameters as <see cref="DictionaryPicker"/>.</summary>
public sealed record DictionaryPickerImplementation(Type ComponentType);
