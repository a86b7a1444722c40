import type { ReportDefinition } from './report'
import type { ReportName } from './reports.schema'
import { salesFunnel } from './sales/funnel'
import { pipeline } from './sales/pipeline'
import { forecast } from './sales/forecast'
import { winRate } from './sales/win-rate'
import { revenue } from './sales/revenue'
import { salesCycle } from './sales/sales-cycle'
import { leadConversion } from './sales/lead-conversion'
import { lostReasons } from './sales/lost-reasons'
import { customerGrowth } from './customers/customer-growth'
import { atRisk } from './customers/at-risk'
import { rfm } from './customers/rfm'
import { ticketVolume } from './service/tickets'
import { slaCompliance } from './service/sla'
import { csat } from './service/csat'
import { campaignComparison } from './marketing/campaigns'

/** Every report Kith can run; a name missing here answers 404. */
export const reports: Partial<Record<ReportName, ReportDefinition>> = Object.fromEntries(
  [salesFunnel, pipeline, forecast, winRate, revenue, salesCycle, leadConversion, lostReasons, customerGrowth, atRisk, rfm, ticketVolume, slaCompliance, csat, campaignComparison].map((r) => [r.name, r]),
)
