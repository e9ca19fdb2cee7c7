/** What a limit test looks at in an answer: the HTTP status and headers, and the body. */
export interface GraphQLAnswer {
  status: number;
  headers: Headers;
  body: {
    data?: any;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

/** Posts one operation to a gateway, as a bearer of `token` or anonymously. */
export async function postGraphQL(
  url: string,
  query: string,
  options: { variables?: Record<string, unknown>; token?: string } = {},
): Promise<GraphQLAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.token && { authorization: `Bearer ${options.token}` }),
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GraphQLAnswer['body'],
  };
}
