using Crm.Customers.Domain;

namespace Crm.Customers.Pages.Shared;

/// <summary>A contact on a form. Editing never holds the stored personal values in plain: a field left as it was
/// (still showing the masked value) keeps the stored value, an emptied one clears it. Public because a component
/// (always public) takes it as a parameter.</summary>
public sealed class ContactForm
{
    public string? Name { get; set; }
    public string? Position { get; set; }
    public string? Mobile { get; set; }
    public string? OfficePhone { get; set; }
    public string? Email { get; set; }
    public string? OtherId { get; set; }
    public string? DecisionRoleCode { get; set; }
    public bool IsPrimary { get; private set; }
    public int? Version { get; private set; }

    // The masked values the form started with; an unchanged one is sent as null ("keep").
    string? maskedMobile, maskedOfficePhone, maskedEmail;

    public static ContactForm Of(ContactView contact) => new()
    {
        Name = contact.Name,
        Position = contact.Position,
        Mobile = contact.Mobile,
        OfficePhone = contact.OfficePhone,
        Email = contact.Email,
        OtherId = contact.OtherId,
        DecisionRoleCode = contact.DecisionRole?.Code,
        IsPrimary = contact.IsPrimary,
        Version = contact.Version,
        maskedMobile = contact.Mobile,
        maskedOfficePhone = contact.OfficePhone,
        maskedEmail = contact.Email,
    };

    public ContactInput ToInput() => new()
    {
        Name = Name,
        Position = Position,
        Mobile = Changed(Mobile, maskedMobile),
        OfficePhone = Changed(OfficePhone, maskedOfficePhone),
        Email = Changed(Email, maskedEmail),
        OtherId = OtherId,
        DecisionRoleCode = DecisionRoleCode,
        IsPrimary = IsPrimary,
        Version = Version,
    };

    static string? Changed(string? value, string? masked) =>
        masked is not null && value == masked ? null : value ?? "";
}
