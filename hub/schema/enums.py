"""The contract's enums, from the hub's own vocabularies."""

import strawberry

from hub import enums

Utility = strawberry.enum(enums.Utility)
CaseStatus = strawberry.enum(enums.CaseStatus)
TicketStatus = strawberry.enum(enums.TicketStatus)
ReviewDecision = strawberry.enum(enums.ReviewDecision)
ResultOutcome = strawberry.enum(enums.ResultOutcome)
LicenceKind = strawberry.enum(enums.LicenceKind)
MaterialSource = strawberry.enum(enums.MaterialSource)
DocumentKind = strawberry.enum(enums.DocumentKind)
DocumentStatus = strawberry.enum(enums.DocumentStatus)
OrderDirection = strawberry.enum(enums.OrderDirection)
CaseOrderField = strawberry.enum(enums.CaseOrderField)
TicketOrderField = strawberry.enum(enums.TicketOrderField)
