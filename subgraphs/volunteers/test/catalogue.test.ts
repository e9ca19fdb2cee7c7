import { describe, expect, it } from 'vitest';
import { REGIONS } from '@sahem/kit';
import { skillsFromCatalogue } from './fixtures.ts';
import { useVolunteersSubgraph } from './volunteersSubgraph.ts';

const subgraph = useVolunteersSubgraph();

const SKILL_FIELDS = /* GraphQL */ `
  fragment SkillFields on Skill {
    code
    name {
      ar
      en
    }
    majorGroup
  }
`;

async function query(text: string, variables?: Record<string, unknown>) {
  const result = await subgraph.run(text, variables);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

describe('the skill catalogue', () => {
  it('lists every ISCO-08 skill in code order', async () => {
    const { rows } = await subgraph.db.pool.query<{ code: string }>('SELECT code FROM "Skill"');
    const everySkill = await skillsFromCatalogue(
      subgraph.db,
      rows.map((row) => row.code),
    );
    expect(everySkill.length).toBeGreaterThan(1);

    const { skills } = await query(/* GraphQL */ `
      {
        skills {
          ...SkillFields
        }
      }
      ${SKILL_FIELDS}
    `);

    expect(skills).toEqual(everySkill);
  });

  it('gives the major group as the first digit of the code', async () => {
    const { skills } = await query(/* GraphQL */ `
      {
        skills {
          code
          majorGroup
        }
      }
    `);

    for (const skill of skills as { code: string; majorGroup: string }[]) {
      expect(skill.majorGroup).toBe(skill.code[0]);
    }
  });

  it('finds one skill by code, or null', async () => {
    const SKILL = /* GraphQL */ `
      query Skill($code: ID!) {
        skill(code: $code) {
          ...SkillFields
        }
      }
      ${SKILL_FIELDS}
    `;

    expect((await query(SKILL, { code: '3258' })).skill).toEqual(
      (await skillsFromCatalogue(subgraph.db, ['3258']))[0],
    );
    expect((await query(SKILL, { code: '0000' })).skill).toBeNull();
  });
});

describe('the regions', () => {
  it('lists the 13 regions of Saudi Arabia with their Arabic and English names', async () => {
    const { regions } = await query(/* GraphQL */ `
      {
        regions {
          code
          name {
            ar
            en
          }
        }
      }
    `);

    expect(regions).toEqual([...REGIONS].map(([code, name]) => ({ code, name })));
    expect(regions).toHaveLength(13);
  });
});
