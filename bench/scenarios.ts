/** One acceptance scenario as the bench sends it. */
export interface Scenario {
  /** Short name for the table: `1 AgencyScorecards`. */
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

/**
 * The four acceptance scenarios: the queries of the README's "Example queries". Scenario 3
 * takes the program id as a variable (default `SCD-00001`, as in the README) so the bench can
 * ask for a program that has participants at every scale.
 */
export const SCENARIOS: readonly Scenario[] = [
  {
    name: '1 AgencyScorecards',
    query: /* GraphQL */ `
      query AgencyScorecards {
        agencies {
          code
          name {
            ar
            en
          }
          period(period: "2026") {
            activeVolunteers
            verifiedHours
            beneficiaries
            economicValue {
              sar
              tableVersion
              method
            }
            scorecard {
              entries {
                indicator {
                  code
                  name {
                    en
                  }
                  unit
                }
                value
                target
                expectedToDate
                attainment
                status
              }
            }
          }
        }
      }
    `,
  },
  {
    name: '2 Deployable',
    query: /* GraphQL */ `
      query Deployable {
        volunteers(
          filter: { regionCode: "SA-01", skillCode: "2221", minWeeklyHours: 1 }
          first: 20
        ) {
          totalCount
          edges {
            node {
              id
              fullName
              weeklyAvailabilityHours
              verifiedHours
              participations {
                role
                verifiedHours
                program {
                  id
                  title {
                    ar
                    en
                  }
                  agency {
                    code
                    name {
                      en
                    }
                  }
                }
              }
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    `,
  },
  {
    name: '3 CivilDefenseProgram',
    query: /* GraphQL */ `
      query CivilDefenseProgram($id: ID! = "SCD-00001") {
        program(id: $id) {
          title {
            ar
            en
          }
          region {
            name {
              en
            }
          }
          economicValue {
            sar
            tableVersion
            bySkill {
              skill {
                name {
                  en
                }
              }
              hours
              hourlyWageSar
              sar
            }
          }
          teamLeads {
            volunteer {
              fullName
              economicValue {
                sar
              }
            }
            verifiedHours
          }
          participations(first: 50) {
            totalCount
            edges {
              node {
                role
                status
                volunteer {
                  fullName
                }
                verifiedHours
              }
            }
          }
          verifiedHours
          verifiedHoursBySkill {
            skill {
              code
              name {
                en
              }
            }
            hours
          }
        }
      }
    `,
  },
  {
    name: '4 NationalScorecard',
    query: /* GraphQL */ `
      query NationalScorecard {
        nationalPeriod(period: "2026") {
          activeVolunteers
          economicValue {
            sar
            tableVersion
          }
          scorecard {
            entries {
              indicator {
                code
              }
              value
              target
              status
            }
          }
          regions {
            region {
              name {
                ar
                en
              }
            }
            economicValue {
              sar
            }
            scorecard {
              entries {
                indicator {
                  code
                }
                value
                target
                status
              }
            }
          }
        }
      }
    `,
  },
];
